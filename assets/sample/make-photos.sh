#!/bin/sh
# Draws the sample feed's illustrations (made for Newsreel; no outside material).
# Needs ImageMagick. Run from this folder: sh make-photos.sh
set -eu
cd "$(dirname "$0")/photos"
soft() { convert "$1" -blur 0x1.5 -quality 85 -sampling-factor 4:2:0 -strip "$1"; }

# harbour at dusk with the ferry
convert -size 1600x900 gradient:'#f6b26b'-'#6a3d7c' -rotate 180 \
  -fill '#ffe5a8' -draw 'circle 1120,430 1120,350' \
  \( -size 1600x380 gradient:'#3b2a55'-'#0b1526' \) -geometry +0+520 -composite \
  -fill '#ffd28a40' -draw 'rectangle 1040,540 1200,548 rectangle 1000,580 1240,586 rectangle 980,630 1260,634' \
  -fill '#10131c' -draw 'polygon 260,560 900,560 860,620 320,620' -draw 'rectangle 420,500 760,560' \
  -draw 'rectangle 520,455 600,500' \
  -fill '#ffd98a' -draw 'rectangle 450,515 470,535 rectangle 490,515 510,535 rectangle 530,515 550,535 rectangle 570,515 590,535 rectangle 610,515 630,535 rectangle 650,515 670,535 rectangle 690,515 710,535' \
  harbour-ferry-dusk.jpg
soft harbour-ferry-dusk.jpg

# library shelves
convert -size 1600x900 xc:'#3a2418' -fill '#5c3b26' \
  -draw 'rectangle 0,200 1600,215 rectangle 0,430 1600,445 rectangle 0,660 1600,675' \
  -fill '#c44536' -draw 'rectangle 80,90 120,200 rectangle 400,330 440,430 rectangle 900,560 950,660' \
  -fill '#e9c46a' -draw 'rectangle 130,70 160,200 rectangle 700,320 740,430 rectangle 1300,540 1345,660' \
  -fill '#2a9d8f' -draw 'rectangle 170,100 215,200 rectangle 520,300 560,430 rectangle 1100,570 1150,660' \
  -fill '#f4f1de' -draw 'rectangle 600,80 640,200 rectangle 1000,310 1030,430 rectangle 300,560 345,660' \
  -fill '#264653' -draw 'rectangle 900,110 950,200 rectangle 1200,300 1250,430 rectangle 600,580 640,660' \
  -fill '#ffb70380' -draw 'circle 1300,150 1300,40' \
  library-repair-cafe.jpg
soft library-repair-cafe.jpg

# regatta sails
convert -size 1600x900 gradient:'#a8dadc'-'#457b9d' \
  \( -size 1600x360 gradient:'#1d3557'-'#0b1f3a' \) -geometry +0+540 -composite \
  -fill '#f1faee' -draw 'polygon 300,540 300,220 460,540' -draw 'polygon 640,560 640,180 840,560' \
  -draw 'polygon 1050,545 1050,260 1190,545' -fill '#e63946' -draw 'polygon 1320,550 1320,330 1420,550' \
  -fill '#0b1f3a' -draw 'rectangle 260,540 480,556 rectangle 600,560 860,578 rectangle 1020,545 1210,560 rectangle 1300,550 1440,564' \
  regatta-sails.jpg
soft regatta-sails.jpg

# dig under the market square (portrait)
convert -size 900x1350 gradient:'#e9c891'-'#7f5539' \
  -fill '#b08968' -draw 'rectangle 0,420 900,520' -fill '#9c6644' -draw 'rectangle 0,760 900,900' \
  -fill '#6b4226' -draw 'rectangle 0,1100 900,1350' \
  -stroke '#f8f4e380' -strokewidth 3 -fill none \
  -draw 'line 150,0 150,1350 line 450,0 450,1350 line 750,0 750,1350 line 0,300 900,300 line 0,650 900,650 line 0,1000 900,1000' \
  -stroke none -fill '#463020' -draw 'ellipse 450,960 260,70 0,360' \
  market-square-dig.jpg
soft market-square-dig.jpg

# orchestra on a dark stage
convert -size 1600x900 xc:'#120b1f' \
  -fill '#f4d35e30' -draw 'polygon 500,0 620,0 900,900 220,900' -draw 'polygon 1050,0 1150,0 1450,900 760,900' \
  -fill '#f4d35e' -draw 'ellipse 560,820 260,40 0,360 ellipse 1100,820 260,40 0,360' \
  -fill '#2b1d3f' -draw 'circle 420,700 420,650 circle 560,690 560,640 circle 700,700 700,650 circle 980,700 980,650 circle 1120,690 1120,640 circle 1260,700 1260,650' \
  -draw 'rectangle 370,700 470,840 rectangle 510,690 610,840 rectangle 650,700 750,840 rectangle 930,700 1030,840 rectangle 1070,690 1170,840 rectangle 1210,700 1310,840' \
  youth-orchestra.jpg
soft youth-orchestra.jpg

# night train along the coast
convert -size 1600x900 gradient:'#0b132b'-'#1c2541' \
  -fill '#fefae0' -draw 'point 100,80 point 340,150 point 620,60 point 900,120 point 1180,70 point 1450,160 point 760,210 point 1300,240' \
  -draw 'circle 1350,160 1350,120' \
  -fill '#0a0f1f' -draw 'polygon 0,560 400,470 800,520 1200,450 1600,500 1600,900 0,900' \
  -fill '#1b263b' -draw 'rectangle 0,700 1600,900' \
  -fill '#05070d' -draw 'rectangle 150,560 1450,640' \
  -fill '#fca311' -draw 'rectangle 190,580 250,610 rectangle 290,580 350,610 rectangle 390,580 450,610 rectangle 520,580 580,610 rectangle 620,580 680,610 rectangle 720,580 780,610 rectangle 850,580 910,610 rectangle 950,580 1010,610 rectangle 1050,580 1110,610 rectangle 1180,580 1240,610 rectangle 1280,580 1340,610' \
  -fill '#fca31140' -draw 'rectangle 150,720 1450,730 rectangle 200,760 1400,766' \
  night-train-coast.jpg
soft night-train-coast.jpg

# squash in the community garden
convert -size 1600x900 gradient:'#cde8b5'-'#2d6a4f' \
  -fill '#1b4332' -draw 'rectangle 0,520 1600,900' \
  -fill '#40916c' -draw 'ellipse 200,600 160,40 0,360 ellipse 700,640 200,50 0,360 ellipse 1250,610 180,45 0,360 ellipse 450,780 220,60 0,360 ellipse 1100,800 240,60 0,360' \
  -fill '#f4a261' -draw 'ellipse 260,590 70,50 0,360 ellipse 760,625 90,60 0,360 ellipse 1200,600 80,55 0,360 ellipse 520,765 100,70 0,360 ellipse 1060,790 110,70 0,360' \
  -fill '#e76f51' -draw 'ellipse 1380,770 80,55 0,360' \
  garden-squash.jpg
soft garden-squash.jpg
